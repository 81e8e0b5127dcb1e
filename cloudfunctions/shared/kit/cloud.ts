import cloud from 'wx-server-sdk';

let initialised = false;

/**
 * The one place wx-server-sdk is initialised. The environment (cloud or the local
 * emulator) is chosen by the runtime's configuration, never by code.
 */
export function getCloud(): typeof cloud {
  if (!initialised) {
    // The SDK's typings omit the DYNAMIC_CURRENT_ENV symbol they document for `env`.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}
