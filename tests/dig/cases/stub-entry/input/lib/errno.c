/* The library's errno: a tree global that the stubs below set. */
int errno;
