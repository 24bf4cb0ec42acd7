"""One screen a module: sources, coding, display, conclusions, export, help; dialogs/ for modals."""
