"""Statistical models, their training code and their saved artifacts."""
