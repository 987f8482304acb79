import AWPlot
import Testing
