from treatywatch.cli import main

main()
