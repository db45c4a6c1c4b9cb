"""Test support shared by every app's tests: factories and workflow helpers."""
