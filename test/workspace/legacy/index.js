/* global exports, console -- the Lambda Node.js runtime's */
// The nightly clean-up that predates the SAM app, still deployed with the Serverless Framework.
// Idle in the demo account: it runs once a day.

exports.handler = async () => {
  const cutoff = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
  console.log(JSON.stringify({ message: 'expiring abandoned carts', before: cutoff }));
  return { before: cutoff };
};
