// One grid look for every page: Quartz, the console's font stack (Chinese
// first, nothing fetched from the web), rows tall enough to read at a station.
import { themeQuartz } from 'ag-grid-community';

export const gridFontFamily = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

export const gridTheme = themeQuartz.withParams({
  fontFamily: gridFontFamily,
  headerFontFamily: gridFontFamily,
  cellFontFamily: gridFontFamily,
  fontSize: 15,
  headerFontSize: 15,
  rowHeight: 38,
  headerHeight: 42,
  accentColor: '#1f6feb',
  headerBackgroundColor: '#eef2f7',
  oddRowBackgroundColor: '#fafbfc',
  borderRadius: 4,
  wrapperBorderRadius: 6,
});
