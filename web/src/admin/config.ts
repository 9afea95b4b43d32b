/** Where the admin console reads its settings, beside its page. */
export const ADMIN_CONSOLE_CONFIG_PATH = '/admin/config.json';

/**
 * The admin console's settings. In the cloud the stack deploys them beside the app (the admin API has its own
 * domain); `npm start` serves `{}`: the API on the console's own origin, the Region typed at sign-in.
 * @example
 * const config: AdminConsoleConfig = { adminApiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/v1/', region: 'eu-west-1' };
 */
export interface AdminConsoleConfig {
  /** The admin API's endpoint (stack output `AdminApiEndpoint`). @default - the console's own origin */
  readonly adminApiUrl?: string;
  /** The Region requests are signed for. @default - typed at sign-in */
  readonly region?: string;
}
