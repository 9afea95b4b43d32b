import { pattern } from '../../shapes';

/** Shapes of the email monitoring operations (WorkMail API). */

export const LogGroupArn = pattern(
  'arn:aws:logs:[a-z\\-0-9]*:[0-9]{12}:log-group:([\\.\\-_/#A-Za-z0-9]+):\\*',
  { minLength: 47, maxLength: 562 },
);
export const RoleArn = pattern('arn:aws:iam:[a-z0-9-]*:[a-z0-9-]+:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}', {
  minLength: 20,
  maxLength: 2048,
});
