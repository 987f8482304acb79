// AWHDF5 module placeholder; replaced as the module is built.
