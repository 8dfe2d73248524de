"""Models of the search app (see DESIGN.md §3)."""
