from vms_desktop.app import main

raise SystemExit(main())
