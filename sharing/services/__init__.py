"""Services of the sharing app, one module per area (ratings, reminders, runtime, national, assessment)."""
