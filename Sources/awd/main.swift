// awd: the activity-weight duality pipeline. The commands live in their own files.
AWD.main()
