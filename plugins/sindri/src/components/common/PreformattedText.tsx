import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';

/** Program output or recorded input as typed: wrapped anywhere, scrolled past 400 px. */
export const PreformattedText = ({
  children,
  mt = 0,
}: {
  children: ReactNode;
  mt?: number;
}) => (
  <Box
    component="pre"
    m={0}
    mt={mt}
    p={1}
    bgcolor="background.default"
    style={{
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-all',
      maxHeight: 400,
      overflow: 'auto',
    }}
  >
    {children}
  </Box>
);
