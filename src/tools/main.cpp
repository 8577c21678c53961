// The `nki` command (being written).
int main() { return 0; }
