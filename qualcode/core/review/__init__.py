"""The supervisor's review: comment threads, approve / needs-revision marks, and their targets.

Modules: ``targets`` (what a thread can be on, by stable key), ``threads`` (comment, reply,
resolve, approve, revise — each one undoable event), ``exchange`` (the ``reviews:`` section of the
codings file), ``docx_comments`` (comments made in Word or LibreOffice), ``report`` (the
supervision log).
"""
