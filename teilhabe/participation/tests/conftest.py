"""Shared fixtures of the participation tests, built once for consecutive tests that ask for
them (teilhabe.testing.state.shared_fixture); the builders are in builders.py."""

from teilhabe.testing.state import shared_fixture

from . import builders

rec_setup = shared_fixture(builders.build_rec_setup, name="rec_setup")
ideas_setup = shared_fixture(builders.build_ideas_setup, name="ideas_setup")
vote_setup = shared_fixture(builders.build_vote_setup, name="vote_setup")
processes_setup = shared_fixture(builders.build_processes_setup, name="processes_setup")
process_rules_setup = shared_fixture(builders.build_process_rules_setup, name="process_rules_setup")
privacy_setup = shared_fixture(builders.build_privacy_setup, name="privacy_setup")
import_process = shared_fixture(builders.build_import_process, name="import_process")
