"""The project's API base: acting-for resolution, permissions, errors, pagination and base classes."""
