"""The Qt window (PySide6). Widgets call services only; slow work runs on ``AppState.tasks``."""
