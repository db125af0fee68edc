#!/usr/bin/env perl
# tests/malloc/workload.pl SCALE: an allocation-heavy, deterministic Perl program for the
# real-program tests and the bench: hashes of many short strings, sorts, string building
# and splitting, arrays of arrays. Prints checksums only.
use strict;
use warnings;

my $scale = shift // 1;
my $seed = 12345;
sub rnd { $seed = ($seed * 1103515245 + 12345) % 2147483648; return $seed; }

my %h;
for my $i (1 .. 150000 * $scale) {
    my $k = sprintf("key%07d_%x", rnd() % 1000000, $i);
    $h{$k} = [$i, lc($k) x (1 + $i % 3)];
}
my @keys = sort keys %h;
my $sum = 0;
for my $k (@keys[0 .. 9999]) { $sum = ($sum * 33 + length($h{$k}[1]) + $h{$k}[0]) % 1000000007; }
delete @h{ grep { /[02468]_/ } @keys };
print "hash ", scalar(keys %h), " $sum\n";

my @rows;
for my $i (1 .. 60000 * $scale) {
    push @rows, join(",", map { rnd() % 1000 } 1 .. (1 + $i % 9));
}
my @sorted = sort { length($a) <=> length($b) or $a cmp $b } @rows;
my $acc = 0;
for my $r (@sorted[0 .. 4999]) { $acc += $_ for split /,/, $r; }
print "rows ", scalar(@sorted), " $acc\n";

my $text = "";
for my $i (1 .. 200000 * $scale) { $text .= chr(97 + rnd() % 26); $text = substr($text, 5000) if length($text) > 100000; }
my %freq;
$freq{$_}++ for split //, $text;
print "freq ", join("", map { "$_$freq{$_}" } sort keys %freq), "\n";
