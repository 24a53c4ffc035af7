from mailroom.faces.cli import main

main()
