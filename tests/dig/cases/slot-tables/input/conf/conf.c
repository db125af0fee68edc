/* The open-file table lives in the configuration, apart from the code that hands it out. */
#define NFILE 64
struct file { int f_count; long f_offset; };
struct file file[NFILE];
struct file *ofile[20];
