"""The one exception users see."""


class EssGraphError(Exception):
    """A problem the user can fix.

    Its message is a single line that names the file, line or field at fault and says what is
    wrong; the command line prints it as is and exits with status 2, never with a traceback.
    """
