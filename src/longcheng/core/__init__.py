"""The bottom layer: types and helpers every other layer shares. Imports nothing above it."""
