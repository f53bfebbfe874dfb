from exam_sim.cli import main

raise SystemExit(main())
