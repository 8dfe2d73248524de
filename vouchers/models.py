"""Models of the vouchers app (see DESIGN.md §3)."""
