export function App() {
  return <main>{browser.i18n.getMessage('extName')}</main>;
}
