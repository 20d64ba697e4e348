from django.core.management.base import BaseCommand, CommandError

from teilhabe.api.models import ApiToken
from teilhabe.api.services import api_token_create, api_token_revoke
from teilhabe.core.errors import ServiceError
from teilhabe.organizations.models import User


class Command(BaseCommand):
    help = (
        "API-Schlüssel verwalten: anlegen (der Schlüssel wird einmal ausgegeben), auflisten, "
        "widerrufen."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="AKTION")
        create = actions.add_parser("create", help="einen Schlüssel für eine Person anlegen")
        create.add_argument("--email", required=True, help="E-Mail-Adresse der Person")
        create.add_argument("--name", required=True, help="Bezeichnung, z. B. das Fachverfahren")
        listing = actions.add_parser("list", help="die Schlüssel einer Person auflisten")
        listing.add_argument("--email", required=True, help="E-Mail-Adresse der Person")
        revoke = actions.add_parser("revoke", help="einen Schlüssel widerrufen")
        revoke.add_argument("--id", type=int, required=True, help="Nummer aus „list“")

    def handle(self, *args, **options):
        if options["action"] == "create":
            self._create(self._user(options["email"]), options["name"])
        elif options["action"] == "list":
            self._list(self._user(options["email"]))
        else:
            self._revoke(options["id"])

    def _user(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"Es gibt keine Person mit der E-Mail-Adresse {email}.")
        return user

    def _create(self, user, name):
        try:
            token, key = api_token_create(user=user, name=name)
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stderr.write(
            f"API-Schlüssel „{token.name}“ (Nr. {token.pk}) für {user.email} angelegt. Er wird "
            "nur jetzt angezeigt:"
        )
        # The key alone on standard output, so that scripts can capture it.
        self.stdout.write(key)

    def _list(self, user):
        tokens = ApiToken.objects.of_user(user)
        if not tokens:
            self.stdout.write(f"{user.email} hat keine API-Schlüssel.")
        for token in tokens:
            state = (
                "gültig" if token.is_active else f"widerrufen am {token.revoked_at:%d.%m.%Y %H:%M}"
            )
            used = f"{token.last_used_at:%d.%m.%Y %H:%M}" if token.last_used_at else "noch nie"
            self.stdout.write(
                f"{token.pk:>5}  {token.key_start}…  {token.name}  "
                f"(angelegt {token.created_at:%d.%m.%Y}, zuletzt benutzt {used}, {state})"
            )

    def _revoke(self, pk):
        token = ApiToken.objects.filter(pk=pk).select_related("user").first()
        if token is None:
            raise CommandError(f"Einen API-Schlüssel Nr. {pk} gibt es nicht.")
        api_token_revoke(token=token, by=None)
        self.stdout.write(
            f"API-Schlüssel Nr. {pk} („{token.name}“, {token.user.email}) widerrufen."
        )
