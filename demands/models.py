"""Models of the demands app (see DESIGN.md §3)."""
