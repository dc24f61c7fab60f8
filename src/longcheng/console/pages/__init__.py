"""One module per console page; each exposes ``build(ctx, principal, ...)``."""
