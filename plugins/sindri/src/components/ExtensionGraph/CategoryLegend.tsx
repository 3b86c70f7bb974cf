import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** Which colour is which category. */
export const CategoryLegend = ({
  colours,
}: {
  colours: Map<string, string>;
}) => (
  <Box display="flex" flexWrap="wrap" style={{ gap: 12 }} my={1}>
    {[...colours].map(([category, colour]) => (
      <Box key={category} display="flex" alignItems="center" style={{ gap: 4 }}>
        <span
          style={{
            width: 10,
            height: 10,
            borderRadius: '50%',
            background: colour,
          }}
        />
        <Typography variant="caption">{category}</Typography>
      </Box>
    ))}
  </Box>
);
