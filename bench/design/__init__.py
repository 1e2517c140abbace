"""Hand-written plans that use every layout, and the contact sheets of them in every theme (docs/design/)."""
