from possuite.cli import main

raise SystemExit(main())
