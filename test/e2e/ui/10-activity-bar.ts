import { expectVisible, uiTest } from '../lib/workbench';

export default [
  uiTest({
    name: 'the Lambdascope activity-bar item opens the Functions view',
    vsix: true,
    async run({ wb, screenshot }) {
      await expectVisible(wb.activityBarItem('Lambdascope'), 'the Lambdascope activity-bar item');
      await wb.openViewContainer('Lambdascope');
      await expectVisible(wb.sideBarTitle.getByText(/functions/i), 'the Functions view title in the side bar');
      // No profile configured: the view shows its welcome content with the analyze actions.
      await expectVisible(
        wb.sideBar.getByText('Lambdascope shows the health of your AWS Lambda functions', { exact: false }),
        'the Functions view welcome text',
      );
      await expectVisible(wb.sideBar.getByText('Analyze a Log File', { exact: false }).first(), 'the "Analyze a Log File…" action');
      await screenshot('functions-view');
    },
  }),
];
