"""Numbered, forward-only migrations of the project database.

Each migration runs inside one transaction; ``Store`` backs the database up before upgrading.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the whole domain model.
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE informants (
        id         INTEGER PRIMARY KEY,
        code       TEXT NOT NULL UNIQUE,
        pseudonym  TEXT NOT NULL DEFAULT '',
        role       TEXT NOT NULL DEFAULT '',
        grp        TEXT NOT NULL DEFAULT '',
        category   TEXT NOT NULL DEFAULT '',
        attributes TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE sources (
        id           INTEGER PRIMARY KEY,
        path         TEXT NOT NULL UNIQUE,
        name         TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        technique    TEXT NOT NULL CHECK (technique IN ('wawancara', 'observasi', 'dokumentasi')),
        informant_id INTEGER REFERENCES informants(id) ON DELETE SET NULL,
        date         TEXT,
        title        TEXT,
        encoding     TEXT NOT NULL DEFAULT '',
        text         TEXT NOT NULL,
        warnings     TEXT NOT NULL DEFAULT '[]',
        version      INTEGER NOT NULL DEFAULT 1,
        imported_at  TEXT NOT NULL
    );
    CREATE TABLE turns (
        id        INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        idx       INTEGER NOT NULL,
        speaker   TEXT NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('interviewer', 'informant', 'note')),
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        timestamp TEXT,
        UNIQUE (source_id, idx)
    );
    CREATE TABLE sentences (
        id        INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        turn_id   INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        idx       INTEGER NOT NULL,
        start     INTEGER NOT NULL,
        end       INTEGER NOT NULL,
        UNIQUE (source_id, idx)
    );
    CREATE INDEX sentences_turn ON sentences(turn_id);
    CREATE TABLE segment_cache (
        hash  TEXT PRIMARY KEY,
        spans TEXT NOT NULL
    );
    CREATE TABLE codings (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        code_id     TEXT NOT NULL,
        polarity    TEXT NOT NULL CHECK (polarity IN ('pendukung', 'penghambat', 'netral')),
        summary     TEXT NOT NULL DEFAULT '',
        memo        TEXT NOT NULL DEFAULT '',
        quote       TEXT NOT NULL,
        coder       TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'flagged', 'reviewed')),
        flag_reason TEXT NOT NULL DEFAULT '',
        CHECK (start >= 0 AND end > start)
    );
    CREATE INDEX codings_source ON codings(source_id, start);
    CREATE INDEX codings_code ON codings(code_id);
    CREATE TABLE memos (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        target_kind TEXT NOT NULL
            CHECK (target_kind IN ('code', 'source', 'informant', 'project', 'coding')),
        target      TEXT NOT NULL DEFAULT '',
        title       TEXT NOT NULL DEFAULT '',
        body        TEXT NOT NULL,
        author      TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX memos_target ON memos(target_kind, target);
    CREATE TABLE comments (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        target_kind TEXT NOT NULL,
        target      TEXT NOT NULL DEFAULT '',
        body        TEXT NOT NULL,
        author      TEXT NOT NULL,
        resolved    INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL
    );
    CREATE TABLE conclusions (
        id           INTEGER PRIMARY KEY,
        dimension_id TEXT NOT NULL UNIQUE,
        verdict      TEXT NOT NULL DEFAULT '',
        statement    TEXT NOT NULL DEFAULT '',
        evidence     TEXT NOT NULL DEFAULT '[]',
        author       TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    );
    CREATE TABLE indicator_verdicts (
        id           INTEGER PRIMARY KEY,
        indicator_id TEXT NOT NULL UNIQUE,
        verdict      TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        author       TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    );
    CREATE TABLE rejected_suggestions (
        id         INTEGER PRIMARY KEY,
        source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL,
        code_id    TEXT NOT NULL,
        author     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (source_id, start, end, code_id)
    );
    CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        action      TEXT NOT NULL,
        description TEXT NOT NULL,
        actor       TEXT NOT NULL,
        at          TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('change', 'barrier', 'info')),
        state       TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded'))
    );
    CREATE INDEX events_state ON events(kind, state);
    CREATE TABLE event_changes (
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        seq      INTEGER NOT NULL,
        tbl      TEXT NOT NULL,
        pk       TEXT NOT NULL,
        before   TEXT,
        after    TEXT,
        PRIMARY KEY (event_id, seq)
    );
    """,
    # 2: file changes committed with the store but not yet renamed into place (crash safety).
    """
    CREATE TABLE pending_files (
        seq  INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        text TEXT
    );
    """,
    # 3: who acts (the role on every event) and the supervisor's review: threads of messages on
    # a coding, a display cell, a conclusion, an indicator verdict, a memo, a source or the
    # project, with a state and an optional approve / needs-revision mark. Replaces the unused
    # ``comments`` table.
    """
    ALTER TABLE events ADD COLUMN role TEXT NOT NULL DEFAULT '';
    DROP TABLE comments;
    CREATE TABLE review_threads (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        target_kind TEXT NOT NULL CHECK (target_kind IN
            ('coding', 'cell', 'conclusion', 'verdict', 'memo', 'source', 'code', 'project')),
        target      TEXT NOT NULL DEFAULT '',
        anchor      TEXT NOT NULL DEFAULT '',
        mark        TEXT NOT NULL DEFAULT '' CHECK (mark IN ('', 'approved', 'needs_revision')),
        state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'resolved')),
        origin      TEXT NOT NULL DEFAULT '',
        author      TEXT NOT NULL,
        author_role TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX review_threads_target ON review_threads(target_kind, target);
    CREATE TABLE review_messages (
        id          INTEGER PRIMARY KEY,
        uid         TEXT NOT NULL UNIQUE,
        thread_uid  TEXT NOT NULL,
        body        TEXT NOT NULL,
        author      TEXT NOT NULL,
        author_role TEXT NOT NULL DEFAULT '',
        origin      TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
    );
    CREATE INDEX review_messages_thread ON review_messages(thread_uid, created_at);
    """,
    # 4: inter-coder agreement: a frozen comparison of two coders, and consensus decisions.
    """
    CREATE TABLE agreement_comparisons (
        id         INTEGER PRIMARY KEY,
        label      TEXT NOT NULL,
        coder_a    TEXT NOT NULL,
        coder_b    TEXT NOT NULL,
        data       TEXT NOT NULL,
        author     TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE agreement_decisions (
        id            INTEGER PRIMARY KEY,
        comparison_id INTEGER NOT NULL REFERENCES agreement_comparisons(id) ON DELETE CASCADE,
        source        TEXT NOT NULL,
        start         INTEGER NOT NULL,
        end           INTEGER NOT NULL,
        choice        TEXT NOT NULL CHECK (choice IN ('a', 'b', 'both', 'neither')),
        author        TEXT NOT NULL,
        decided_at    TEXT NOT NULL,
        UNIQUE (comparison_id, source, start, end)
    );
    """,
    # 5: the student's decisions on near-duplicate statements (accepted merges, rejected
    # proposals); ``members`` is a JSON list of coding uids.
    """
    CREATE TABLE statement_merges (
        id         INTEGER PRIMARY KEY,
        uid        TEXT NOT NULL UNIQUE,
        state      TEXT NOT NULL CHECK (state IN ('accepted', 'rejected')),
        text       TEXT NOT NULL DEFAULT '',
        members    TEXT NOT NULL,
        author     TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

# Tables whose rows every change records (before/after images) so undo and redo can walk them.
TRACKED_TABLES = frozenset(
    {
        "informants",
        "codings",
        "memos",
        "review_threads",
        "review_messages",
        "conclusions",
        "indicator_verdicts",
        "rejected_suggestions",
        "agreement_decisions",
        "statement_merges",
    }
)

# A pseudo-table for whole-file changes (codebook YAML edits) kept in the same event log.
FILE_TABLE = "@file"
