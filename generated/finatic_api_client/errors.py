"""The generated layer raises no errors of its own: endpoint functions never check the status code and
``parse_response`` raises ``pydantic.ValidationError``; the hand-written layer maps both to FinaticError."""

__all__: list[str] = []
