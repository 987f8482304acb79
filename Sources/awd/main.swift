// awd: the activity-weight duality pipeline. The commands live in their own files.
import AWHDF5

HDF5Process.skipCleanupAtExit()  // before any HDF5 call (see HDF5Process)
AWD.main()
