from django.core.management.base import BaseCommand

from loften.core.models import User
from loften.examples import content


class Command(BaseCommand):
    help = "Print the example accounts that load_example_data creates."

    def handle(self, *args, **options):
        names = ["admin"] + [row[0] for row in content.USERS]
        users = {u.username: u for u in User.objects.filter(username__in=names)}
        if not users:
            self.stdout.write("No example accounts; run `loften load_example_data`.")
            return
        self.stdout.write("")
        self.stdout.write(
            f"Example logins (password for all: {content.EXAMPLE_PASSWORD})"
        )
        descriptions = {"admin": "administrator (also /admin/)"}
        for username, _name, title, organisation, role in content.USERS:
            descriptions[username] = f"{role}, {organisation} ({title})"
        for username in names:
            if username in users:
                self.stdout.write(f"  {username:<20} {descriptions[username]}")
        self.stdout.write("")
