/* this port keeps records opaque */
typedef void Record;
