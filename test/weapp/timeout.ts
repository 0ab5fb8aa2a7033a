// The simulated WeChat runs the real dist/weapp bundle: a test of several pages can take many
// seconds on a busy 2-core CI machine. A page that never settles still fails (settle() is
// bounded); this only moves where a slow machine is told apart from a hang.
jest.setTimeout(120_000)
