import { expectVisible, uiTest } from '../lib/workbench';

export default [
  uiTest({
    name: 'the Lambdascope activity-bar item opens the Functions, Issues and Cost views',
    vsix: true,
    async run({ wb, screenshot }) {
      await expectVisible(wb.activityBarItem('Lambdascope'), 'the Lambdascope activity-bar item');
      await wb.openViewContainer('Lambdascope');
      await expectVisible(wb.sideBarTitle.getByText(/lambdascope/i), 'the Lambdascope container title in the side bar');
      await expectVisible(wb.viewHeader(/Functions/), 'the Functions view header');
      await expectVisible(wb.viewHeader(/Issues/), 'the Issues view header');
      await expectVisible(wb.viewHeader(/Cost/), 'the Cost view header');
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
