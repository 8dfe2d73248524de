"""Models of the tech_transfer app (see DESIGN.md §3)."""
