/* The driver's debug switch, defined once. */
int dev_debug;
