"""Models of the instruments app (see DESIGN.md §3)."""
