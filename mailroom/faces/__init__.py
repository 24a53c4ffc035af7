"""The faces: the command line, the watch daemon and the broker worker; thin adapters over
:mod:`mailroom.app` that parse, call one library function and render."""
