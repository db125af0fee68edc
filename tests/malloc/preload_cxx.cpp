// tests/malloc/preload_cxx.cpp: C++ operator new/delete under LD_PRELOAD=libstrata.so.
// Every form (plain, array, nothrow, sized delete, C++17 aligned) must reach strata (its
// malloc counter moves), aligned new must honour the alignment, a huge new must throw
// std::bad_alloc and a huge nothrow new return nullptr. Exits 0 when all hold; prints the
// failed checks otherwise. The program links nothing of strata's; dlsym reads the counters.
#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <map>
#include <new>
#include <string>
#include <vector>

typedef unsigned long (*stats_get_fn)(const char *, const char *);
static int checks, failed;

// One check: count it, print it when it fails.
#define EXPECT(cond) \
	do { \
		checks++; \
		if (!(cond)) { \
			failed++; \
			std::fprintf(stderr, "%s:%d: EXPECT failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

struct alignas(256) Wide {
	unsigned char bytes[300];
};

int main()
{
	stats_get_fn get = reinterpret_cast<stats_get_fn>(dlsym(RTLD_DEFAULT, "strata_stats_get"));
	EXPECT(get != nullptr);
	if (!get)
		return 1;
	unsigned long m0 = get("malloc", "malloc"), a0 = get("malloc", "memalign");
	unsigned long f0 = get("malloc", "free");

	int *one = new int(7);
	int *many = new int[1000]();
	int *quiet = new (std::nothrow) int[10];
	EXPECT(one && *one == 7 && many && many[999] == 0 && quiet);
	delete one;
	delete[] many;
	delete[] quiet;
	EXPECT(get("malloc", "malloc") >= m0 + 3);
	EXPECT(get("malloc", "free") >= f0 + 3);

	Wide *w = new Wide;
	Wide *ws = new Wide[5];
	EXPECT(reinterpret_cast<std::uintptr_t>(w) % 256 == 0);
	EXPECT(reinterpret_cast<std::uintptr_t>(ws) % 256 == 0);
	EXPECT(get("malloc", "memalign") >= a0 + 2);
	delete w;
	delete[] ws;

	std::map<std::string, std::vector<int>> index;
	for (int i = 0; i < 20000; i++)
		index["key" + std::to_string(i % 3000)].push_back(i);
	unsigned long sum = 0;
	for (auto &kv : index)
		sum += kv.second.size() + kv.first.size();
	EXPECT(index.size() == 3000 && sum > 20000);

	bool threw = false;
	try {
		volatile std::size_t huge = static_cast<std::size_t>(1) << 62;
		char *p = new char[huge];
		delete[] p;
	} catch (const std::bad_alloc &) {
		threw = true;
	}
	EXPECT(threw);
	volatile std::size_t huge = static_cast<std::size_t>(1) << 62;
	EXPECT(new (std::nothrow) char[huge] == nullptr);

	std::printf("%d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
