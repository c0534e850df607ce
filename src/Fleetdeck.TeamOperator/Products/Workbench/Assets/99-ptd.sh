# Login shells of Workbench sessions (written by Fleetdeck): files are private to their user.
umask 077
