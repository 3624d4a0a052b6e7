from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """Passwords mix letters and digits, so a long word alone is not enough."""

    def validate(self, password, user=None):
        if not (any(c.isalpha() for c in password) and any(c.isdigit() for c in password)):
            raise ValidationError(
                "Mật khẩu phải có cả chữ và số.", code="password_character_classes"
            )

    def get_help_text(self):
        return "Mật khẩu phải có cả chữ và số."
