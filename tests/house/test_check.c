/* The check counter itself: a passing check counts, a failing one makes check_done fail,
 * and a program that checks nothing fails. Runs the three cases in child state copies. */
#include "check.h"

int main(void)
{
	/* Exercise the counter on itself, then restore and report through it. */
	check_one(1, __FILE__, __LINE__, "always true");
	unsigned long total = check_total, failed = check_failed;
	check_one(0, __FILE__, __LINE__, "deliberately false (expected message above)");
	int rc_fail = check_done();
	unsigned long total_after = check_total, failed_after = check_failed;

	check_total = 0;
	check_failed = 0;
	int rc_empty = check_done();

	check_total = 0;
	check_failed = 0;
	CHECK(total == 1 && failed == 0);
	CHECK(total_after == 2 && failed_after == 1);
	CHECK(rc_fail == 1);
	CHECK(rc_empty == 2);
	CHECK_EQ(1 + 1, 2);
	CHECK_STREQ("strata", "strata");
	return check_done();
}
