/** Runs after jest is installed in each mini-program test file: isolate tests from each other. */
import { unmountAll, wxMock } from './harness';

afterEach(() => {
  // Unmount what the test left on screen so TDesign timers (toast durations) stop with it.
  unmountAll();
  wxMock().reset();
});
