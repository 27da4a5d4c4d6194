import { ipKeyGenerator } from 'express-rate-limit';

/**
 * The key a client address is counted under. IPv6 clients are counted per /56, as
 * express-rate-limit does: one host owns many addresses.
 */
export const addressKey = (ip: string | undefined): string => ipKeyGenerator(ip ?? 'unknown');
