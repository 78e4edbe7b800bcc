"""Development scripts; ``scripts.localdb`` runs the project-local PostgreSQL (never in the
production image)."""
