// awd: the activity-weight duality pipeline. The commands live in their own files.
import AWCore
import AWHDF5

HDF5Process.skipCleanupAtExit()  // before any HDF5 call (see HDF5Process)
Signals.start()                  // SIGINT/SIGTERM on a thread of our own (CommandSupport.swift)
Console.ignoreBrokenPipes()      // `awd ... | head` or stdout on a full device never stops the work
ExitStatus.main(AWD.self)  // the exit-status contract (ExitStatus.swift)
